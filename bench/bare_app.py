"""The yardstick of bench/pages.py: a bare Flask route served with the hub's server settings."""

from flask import Flask

app = Flask(__name__)
BODY = "<!doctype html><html lang=en><title>bare</title><p>Hello from a bare Flask route.</p></html>"


@app.get("/bare")
def bare():
    return BODY
