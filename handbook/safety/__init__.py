"""Safety: the content security policy, the official-domain allowlist, safe HTML and links."""
