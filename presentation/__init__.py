"""Pure presentation: the interface catalogue (fr/en), locale formatting, safe text, date wording,
and the CSV/XLSX writers. No Streamlit here (tests/test_import_directions.py)."""
