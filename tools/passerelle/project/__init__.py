"""A project on disk: its layout, its documents, the incremental state, the runner
that does the steps (with one worker or many), and file mode outside any project.
"""
