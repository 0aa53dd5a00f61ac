from flask import Blueprint

bp = Blueprint("assist", __name__)
