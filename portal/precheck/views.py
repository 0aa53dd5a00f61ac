from flask import Blueprint

bp = Blueprint("precheck", __name__)
