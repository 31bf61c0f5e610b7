from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class StaticFilesConfig(BaseStaticFilesConfig):
    # Plotly's package folder also holds sample datasets, Jupyter templates and a widget
    # bundle; only plotly.min.js is served, so keep the rest out of collectstatic.
    ignore_patterns = [
        *BaseStaticFilesConfig.ignore_patterns,
        "datasets",
        "templates",
        "widgetbundle.js",
        "*.map",
    ]
