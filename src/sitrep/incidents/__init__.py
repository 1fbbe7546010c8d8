"""The cross-document layer: event mentions from many reports linked into incidents.

Runs after the per-document stages. Pure: analysed documents in
(``inputs.DocumentInput``), incident records out. One module per concern:
``mentions`` (what is compared), ``blocking`` (which pairs), ``features`` (how
much two mentions agree), ``clustering`` (constrained grouping), ``linker`` (the
three steps together), ``scorer`` (the pair evaluation). See docs/incidents.md.
"""
