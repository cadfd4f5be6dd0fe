"""The framework's ceiling for bench_predict.py: a bare FastAPI endpoint that answers a constant
JSON shaped like a one-row prediction, served by uvicorn with the same settings as nnservice."""

from fastapi import FastAPI

app = FastAPI()
ANSWER = {
    "model_id": "00000000-0000-4000-8000-000000000000",
    "predictions": ["B"],
    "classes": ["B", "M"],
    "probabilities": [[0.98, 0.02]],
}


@app.post("/predict")
async def predict():
    return ANSWER
