"""Sentence segmentation: the SRX 2.0 engine, its shipped rules, the segmenter."""
