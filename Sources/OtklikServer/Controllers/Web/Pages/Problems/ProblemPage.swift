/// One problem (`/problems/{id}`, `problem.mustache`): its cases, owner, root cause, action plan, fix and the check
/// that the incidents stopped.
struct ProblemPage: Sendable {
    let id: String
    let location: String
    let theme: String
    let status: String
    let opened: String
    let owner: String
    let rootCause: String
    let actionPlan: String
    let isOpen: Bool
    let isClosed: Bool
    let canAct: Bool
    let cases: [CaseLink]
    let caseCount: Int
    let staffOptions: [SelectOption]
    var fixed: String?
    var closed: String?
    var verification: Verification?
    var error: String?

    struct CaseLink: Sendable {
        let id: String
        let href: String
    }

    /// Incidents before and after the fix, with the test's p and verdict.
    struct Verification: Sendable {
        let before: Int
        let after: Int
        let days: Int
        let p: String
        let verdict: String
        let stopped: Bool
    }
}
