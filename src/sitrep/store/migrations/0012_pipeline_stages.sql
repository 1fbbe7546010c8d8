-- sitrep schema 12: which stages each pipeline version ran (branch speed14, `--stages`).
-- documents.pipeline_version names the pipeline that analyzed a document; this table gives that
-- version's stages (a JSON list of names, in pipeline order). A version is written once, by the
-- run that uses it; documents analyzed before schema 12 have no row (their stages are unknown:
-- the full pipeline of their day).

CREATE TABLE IF NOT EXISTS pipelines (
    version TEXT PRIMARY KEY,
    stages TEXT NOT NULL
);
