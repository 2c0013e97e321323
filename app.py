"""Router: page config, navigation and the shared sidebar (pages land with issue 4)."""
from pathlib import Path

import pandas as pd
import streamlit as st

TABLES = Path(__file__).resolve().parent / "data" / "tables"

st.set_page_config(page_title="Besoins et engagements — Sahel", layout="wide")
st.title("Besoins humanitaires et engagements — Afrique de l'Ouest et Sahel")
for name in ("articles", "figures", "decisions", "events", "actors", "places"):
    path = TABLES / f"{name}.csv"
    st.subheader(name)
    if path.exists():
        st.dataframe(pd.read_csv(path), hide_index=True)
    else:
        st.info(f"{path.name} absent : lancez `make run` ou `python -m etl build`.")
