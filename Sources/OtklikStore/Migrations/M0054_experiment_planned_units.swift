extension Migrations {
    /// A registered experiment's planned size (issue 19 item 5): the units (clusters when clustered) a look-back as long
    /// as its horizon held when it was started (``ExperimentPlan``). Frozen with the design; the sequential test's mixture
    /// is tuned to it. Null for an experiment started before this migration or whose look-back held too few units.
    static let v54ExperimentPlannedUnits = Migration("0054_experiment_planned_units", [
        "ALTER TABLE experiments ADD COLUMN planned_units INTEGER",
    ])
}
