/// One answer to a pulse survey, stored apart from the invitation it came through: it carries the group fixed at the
/// start (a location or team code) and nothing that names or points to the staff member — no staff code, no token, no
/// time — so an answer cannot be joined back to a person.
public struct PulseAnswer: Sendable, Codable, Equatable {
    /// The location or team, as the survey groups; nil for staff with none.
    public var group: String?
    /// "How likely are you to recommend working here?" 0-10.
    public var score: Int
    public var comment: String?

    public init(group: String?, score: Int, comment: String? = nil) {
        self.group = group
        self.score = score
        self.comment = comment
    }

    /// The longest comment kept.
    public static let commentLimit = 2000

    public func validate() throws(OtklikError) {
        guard (0...10).contains(score) else { throw .invalid("score", "score must be a whole number 0-10") }
        if let comment, comment.count > Self.commentLimit { throw .invalid("comment", "comment must be at most \(Self.commentLimit) characters") }
    }
}
