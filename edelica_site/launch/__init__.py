"""The launch gate: no placeholder fact or text reaches the public site.

- placeholders.py: how the settings mark a value the clinic has not supplied.
- checklist.py: every placeholder left (settings and content), as the launch checklist.
- gate.py: `make publish` and `make github` refuse while the checklist is not empty.

    python -m edelica_site.launch [--settings publishconf.py]   # print the checklist
"""
