import OtklikCore

/// A problem as the `problem.opened` and `problem.updated` webhook events carry it (their `data`); `cases` only on
/// opening.
public struct ProblemWebhookData: Encodable, Sendable {
    public var id: String
    public var location: String
    public var theme: String
    public var status: String
    public var owner: String?
    public var cases: Int?

    public init(_ problem: Problem, cases: Int?) {
        id = problem.id
        location = problem.location
        theme = problem.theme
        status = problem.status.rawValue
        owner = problem.owner
        self.cases = cases
    }
}
