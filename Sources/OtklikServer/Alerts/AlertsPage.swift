/// `/alerts` and its live list: the open alerts with their playbooks, the last closed ones, and (on the full page) the
/// time to reaction per location.
struct AlertsPage: Sendable {
    struct Guide: Sendable {
        var title: String
        var tasks: [String]
        var phrases: [String]
        var hasPhrases: Bool
    }

    struct OpenAlert: Sendable {
        var id: String
        var location: String
        var rating: String
        var opened: String
        var acknowledged: Bool
        var acknowledgedBy: String
        var acknowledgedAt: String
        var staff: String?
        var playbook: Guide?
    }

    struct ClosedAlert: Sendable {
        var location: String
        var rating: String
        var opened: String
        var closed: String
        var by: String
        var action: String
        var outcome: String
        var reaction: String
    }

    struct Outcome: Sendable {
        var code: String
        var label: String
    }

    struct Reaction: Sendable {
        var location: String
        var opened: Int
        var n: Int
        var unanswered: Int
        var median: String
        var interval: String
        var turned: Int
    }

    var alerts: [OpenAlert]
    var hasAlerts: Bool
    var closed: [ClosedAlert]
    var hasClosed: Bool
    /// Changes when the list does: the live script redraws only then.
    var signature: String
    var open: Int
    var announce: String
    var outcomes: [Outcome]
    var locationName: String?
    /// `?location=CODE` when the reader follows one location, else empty.
    var query: String
    var reaction: [Reaction] = []
    var hasReaction = false
}
