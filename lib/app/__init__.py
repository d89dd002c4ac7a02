"""The only Streamlit code: the page list, links and URL state, the cache, session state, the
shared chrome, page panels and the routing workaround."""
