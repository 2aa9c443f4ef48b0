// A small but complete tendril/1 document the CLI tests load, with bare NaN tokens as Python
// writes them, lineage fields, curves, notes and an artifact.
#pragma once

#include <string>

namespace tendril::testing {

inline const std::string kSampleRuns = R"JSON({
  "format": "tendril/1",
  "project": {"name": "cli tests"},
  "studies": [
    {
      "name": "mlp-random",
      "objective": {"metric": "val_acc", "direction": "maximize"},
      "metrics": [{"name": "model_size_mb", "direction": "minimize"}],
      "space": [
        {"name": "lr", "type": "float", "low": 1e-5, "high": 0.1, "log": true},
        {"name": "layers", "type": "int", "low": 1, "high": 8},
        {"name": "activation", "type": "categorical", "choices": ["relu", "tanh, \"quoted\""]}
      ],
      "algorithm": {"name": "random", "config": {"seed": 7}},
      "budget": {"max_trials": 4, "max_resource": 20, "resource": "epoch"},
      "command": ["python3", "train.py"],
      "created": "2026-11-20T09:00:00Z",
      "notes": [{"text": "layers above 4 overfit", "created": "2026-11-20T10:00:00Z", "trial": "t1"}],
      "trials": [
        {"id": "t0", "state": "complete", "params": {"lr": 0.001, "layers": 3, "activation": "relu"},
         "metrics": {"val_acc": 0.91, "model_size_mb": 1.5},
         "curves": {"val_acc": [[1, 0.5, 2.0], [2, 0.8, 4.1], [3, 0.91, 6.0]]},
         "artifacts": {"confusion_matrix": {"labels": ["0", "1"], "matrix": [[50, 2], [3, 45]]}}},
        {"id": "t1", "state": "complete", "params": {"lr": 0.01, "layers": 6, "activation": "tanh, \"quoted\""},
         "metrics": {"val_acc": 0.95, "model_size_mb": 4.0},
         "curves": {"val_acc": [[1, 0.6], [2, 0.95]]}},
        {"id": "t2", "state": "pruned", "params": {"lr": 0.05, "layers": 2, "activation": "relu"},
         "metrics": {"val_acc": 0.4}, "curves": {"val_acc": [[1, 0.4]]}},
        {"id": "t3", "state": "failed", "params": {"lr": 0.1, "layers": 8, "activation": "relu"},
         "metrics": {"val_acc": NaN}, "error": "exit code 1: loss diverged"}
      ]
    },
    {
      "name": "mlp-pbt",
      "objective": {"metric": "val_loss", "direction": "minimize"},
      "algorithm": {"name": "pbt", "config": {"population": 2, "quantile": 0.25}},
      "parent": "mlp-random",
      "trials": [
        {"id": "p0", "state": "complete", "iteration": 0, "params": {"lr": 0.01},
         "metrics": {"val_loss": 0.30}, "curves": {"val_loss": [[1, 0.9], [2, 0.5], [3, 0.30]]}},
        {"id": "p1", "state": "complete", "iteration": 0, "params": {"lr": 0.02},
         "metrics": {"val_loss": Infinity}},
        {"id": "p2", "state": "complete", "iteration": 1, "parent": "p0", "start_step": 2,
         "params": {"lr": 0.012}, "metrics": {"val_loss": 0.25},
         "curves": {"val_loss": [[3, 0.4], [4, 0.25]]}}
      ]
    }
  ]
})JSON";

} // namespace tendril::testing
