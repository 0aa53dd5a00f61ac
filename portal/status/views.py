from flask import Blueprint

bp = Blueprint("status", __name__)
