"""What the build publishes besides the pages' content: the offline service worker, print blocks, reading
tools, the one stylesheet and script, the web app manifest, the link preview."""
