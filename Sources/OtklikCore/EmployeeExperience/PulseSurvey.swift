/// A pulse survey to staff (issue 20 item 5): one eNPS question, "How likely are you to recommend working here?"
/// (0-10), and an optional comment, answered through a one-time link per staff member. Its results are shown per
/// location or team under enforced anonymity (``minimumGroup`` answers at least, complementary suppression); the
/// grouping and the minimum are fixed once the survey starts, so nobody can narrow the groups after seeing who answered.
public struct PulseSurvey: Sendable, Codable, Equatable {
    /// How answers are grouped for the results.
    public enum Grouping: String, Sendable, Codable, CaseIterable {
        case location, team
    }

    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Being prepared: grouping and minimum may change.
        case draft
        /// Started: links handed out, answers taken, grouping and minimum fixed.
        case open
        /// No more answers; the results are shown.
        case closed
    }

    public var code: String
    public var title: String
    public var grouping: Grouping
    /// The fewest answers a group may have for its figure to be shown (5 or more).
    public var minimumGroup: Int
    public var status: Status

    /// The smallest ``minimumGroup`` allowed (METHODS.md: hide eNPS slices with fewer than 5 answers).
    public static let smallestMinimumGroup = 5

    public init(code: String, title: String, grouping: Grouping = .location, minimumGroup: Int = 5, status: Status = .draft) {
        self.code = code
        self.title = title
        self.grouping = grouping
        self.minimumGroup = minimumGroup
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case code, title, grouping, status
        case minimumGroup = "minimum_group"
    }

    /// Checks the definition (422 naming the field).
    public func validate() throws(OtklikError) {
        try Identifier.validate(code, field: "code")
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw .invalid("title", "title must be 1-200 characters") }
        guard (Self.smallestMinimumGroup...1000).contains(minimumGroup) else {
            throw .invalid("minimum_group", "minimum_group must be \(Self.smallestMinimumGroup) to 1000: no figure is shown for fewer than 5 answers")
        }
    }

    /// The stored survey after an edit: refused with a conflict when a started survey's grouping or minimum would change.
    public func applying(_ edit: PulseSurvey) throws(OtklikError) -> PulseSurvey {
        if status != .draft {
            if edit.grouping != grouping {
                throw OtklikError(
                    .conflict, "the grouping of pulse survey '\(code)' is fixed since it started (\(grouping.rawValue)); create a new survey to group differently",
                    field: "grouping")
            }
            if edit.minimumGroup != minimumGroup {
                throw OtklikError(
                    .conflict, "the minimum group size of pulse survey '\(code)' is fixed since it started (\(minimumGroup)); create a new survey to change it",
                    field: "minimum_group")
            }
        }
        var updated = edit
        updated.status = status
        return updated
    }
}
