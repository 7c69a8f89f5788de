"""Settings (pydantic-settings, ``JANO_*``) and logging.

May import ``bot.vocabulary`` and ``bot.core``, and ``classifiers.settings`` (the classifier section of
the settings is that package's own model). Never the browser, the queue or the workflows.
"""
