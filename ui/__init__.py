"""The Streamlit user interface: the shell, the sidebar, the panels, the session state and
the URL, shared by the page scripts in ``pages/``. The only code that imports streamlit."""
