"""The pipeline's steps, one arrow of the data flow each: extract, update, drafts,
checks, build, release.
"""
