/// One case (`/cases/{id}`, `case.mustache`): its state and deadlines, the feedback or employee report it came from,
/// the customer's other feedback, the conversation before it, the playbook, the history and the actions.
struct CasePage: Sendable {
    let id: String
    let status: String
    let isOpen: Bool
    let opened: String
    let due: String
    let overdue: Bool
    let owner: String
    let ownerCode: String
    let location: String
    let canAct: Bool
    let priority: String
    let priorityCode: String
    let priorityOptions: [SelectOption]
    let events: [Event]
    let followUps: [SelectOption]
    let resolutionCodes: [SelectOption]
    let statusOptions: [SelectOption]
    let staffOptions: [SelectOption]
    let canEscalate: Bool
    let kind: String
    var resolution: String?
    /// When the first response was given, or when it is due.
    var firstResponse: String?
    var firstResponseOverdue: Bool?
    var escalation: String?
    var paused: Bool?
    var breached: Breach?
    /// What the last action did.
    var done: String?
    var calledBack: String?
    var error: String?
    var issue: Issue?
    var feedback: Feedback?
    var playbook: Playbook?
    var customerHref: String?
    var history: [HistoryRow] = []
    var hasHistory = false
    var conversation: Conversation?

    struct Event: Sendable {
        let at: String
        let actor: String
        let kind: String
        let text: String
    }

    /// The deadline that passed and when it was noticed.
    struct Breach: Sendable {
        let due: String
        let noticed: String
    }

    /// The employee's report a case was opened from.
    struct Issue: Sendable {
        let kind: String
        let text: String
        var staff: String?
        var topic: String?
    }

    /// The feedback a case was opened from; the contact is hidden from viewers.
    struct Feedback: Sendable {
        let ts: String
        let channel: String
        let contact: String
        var reasons: String?
        var comment: String?
        var staff: String?
        let rating: String
    }

    /// The service standard's playbook for the feedback's events.
    struct Playbook: Sendable {
        let title: String
        let tasks: [String]
        let phrases: [String]
        let hasPhrases: Bool
    }

    /// The customer's other feedback.
    struct HistoryRow: Sendable {
        let ts: String
        let location: String
        let rating: String
        let comment: String
        var caseHref: String?
    }

    /// The transcript of the conversation just before the feedback.
    struct Conversation: Sendable {
        let id: String
        let started: String
        let turns: [Turn]

        struct Turn: Sendable {
            let speaker: String
            let text: String
            let customer: Bool
        }
    }
}
