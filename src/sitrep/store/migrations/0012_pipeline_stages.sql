-- sitrep schema 12: which stages each pipeline version ran (branch speed14, `--stages`).
-- documents.pipeline_version names the pipeline that analyzed a document; `pipelines` gives that
-- version's stages (JSON list of names, in pipeline order) and their `name@version` parts (JSON list).
-- A version is written once, by the first run that uses it; documents analyzed before schema 12
-- have no row (their stages are unknown: the full pipeline of their day).
-- `pipeline_covers`: (pipeline, covering) when every `name@version` part of `pipeline` is one of
-- `covering`'s: a document analyzed by `covering` already holds `pipeline`'s records, so a run of
-- `pipeline` (a stage subset) leaves it as it is. Every pipeline covers itself.

CREATE TABLE IF NOT EXISTS pipelines (
    version TEXT PRIMARY KEY,
    stages TEXT NOT NULL,
    parts TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS pipeline_covers (
    pipeline TEXT NOT NULL,
    covering TEXT NOT NULL,
    PRIMARY KEY (pipeline, covering)
);
