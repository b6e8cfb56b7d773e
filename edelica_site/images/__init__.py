"""Pictures for the site: limits on the files staff add, metadata-free resized
copies (AVIF, WebP and a JPEG/PNG fallback), SVG sanitising, the <picture>
markup and the alt-text rules. The build step (edelica_site/build/responsive_images.py),
the content rules and `make check` all read these."""
