"""Article ETL: French news articles → tidy, traceable tables (see DESIGN.md).

`etl` never imports streamlit (a test checks this): the app depends on the ETL,
never the other way round.
"""
