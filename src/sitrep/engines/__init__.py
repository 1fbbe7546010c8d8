"""Where the analysis runs, besides this process and its ``--workers`` (``sitrep.workflow``).

- :mod:`sitrep.engines.dask`: a Dask cluster — ``local:N`` worker processes on this machine,
  or any scheduler address (a SLURM allocation through dask-jobqueue, a Kubernetes cluster
  through dask-kubernetes; see ``docs/dask-slurm.md`` and ``docs/dask-kubernetes.md``).

An engine takes claimed batches of documents (``Store.claim``), analyzes them with the same
pipeline (``build_pipeline``) and saves each document in one transaction with its records, so
records never depend on the engine.
"""
