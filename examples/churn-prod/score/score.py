# Churn scoring for prod (init/run contract of Azure ML online deployments). The model is a
# standardised logistic regression stored as JSON (model.json under AZUREML_MODEL_DIR), so scoring
# needs numpy and the standard library only.
#
# Request:  {"data": [{"tenure_months": 3, "monthly_charges": 80.5, "support_calls": 4, "contract_monthly": 1}, ...]}
# Response: [{"churn_probability": 0.87, "churn": true}, ...]
import json
import os

import numpy as np

model = None


def _find_model(root):
    for dirpath, _, files in os.walk(root):
        if "model.json" in files:
            return os.path.join(dirpath, "model.json")
    raise FileNotFoundError(f"model.json not found under {root}")


def init():
    global model
    with open(_find_model(os.environ.get("AZUREML_MODEL_DIR", ".")), encoding="utf-8") as f:
        m = json.load(f)
    model = {
        "features": m["features"],
        "mean": np.asarray(m["mean"], dtype=float),
        "scale": np.asarray(m["scale"], dtype=float),
        "coef": np.asarray(m["coef"], dtype=float),
        "intercept": float(m["intercept"]),
        "threshold": float(m["threshold"]),
    }


def run(raw_data):
    rows = json.loads(raw_data)["data"]
    x = np.asarray([[float(row[name]) for name in model["features"]] for row in rows], dtype=float).reshape(-1, len(model["features"]))
    z = ((x - model["mean"]) / model["scale"]) @ model["coef"] + model["intercept"]
    p = 1.0 / (1.0 + np.exp(-z))
    return [{"churn_probability": round(float(v), 4), "churn": bool(v >= model["threshold"])} for v in p]
