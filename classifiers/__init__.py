"""Classifiers that read pareceres and sentenças: training, evaluation, registry and inference."""
