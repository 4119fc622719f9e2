//! Measuring quality against gold labels.

mod clusters;

pub use clusters::{
    ClusterMetrics, EvalError, PairScores, evaluate_assignments, evaluate_files, read_gold,
    read_pred,
};
