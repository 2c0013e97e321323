"""Streamlit-side support: i18n, cached loaders, chart and map builders."""
