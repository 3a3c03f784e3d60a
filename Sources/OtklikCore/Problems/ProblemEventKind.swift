/// What a line of a problem's history records: its opening by the detection, or a manager's action.
public enum ProblemEventKind: String, Sendable, Codable, CaseIterable {
    case opened
    case assigned
    case rootCause = "root_cause"
    case actionPlan = "action_plan"
    case fixed
    case closed
}
