from flask import Blueprint

bp = Blueprint("receipts", __name__)
