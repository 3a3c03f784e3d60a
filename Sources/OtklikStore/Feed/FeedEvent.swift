import Foundation

/// One entry of the change feed: a write transaction stored `records` rows of one fact table.
public struct FeedEvent: Sendable, Equatable {
    public var position: Int64
    public var kind: FeedEventKind
    public var records: Int
    public var createdAt: Date
}

/// What a feed event says happened: which fact table received rows.
public enum FeedEventKind: String, Sendable, CaseIterable {
    case feedback
    case interactions
    case serviceRequests = "service_requests"
    case agentStates = "agent_states"
    case transcripts
    /// The initiative register (no fact rows: readers of facts skip it).
    case initiatives
    /// Mystery-shopping results (no fact rows for the analytics engine).
    case mysteryShopping = "mystery_shopping"
    /// A journey created or changed (reference data: no fact rows).
    case journeys
    /// Reference data changed — regions, locations, staff, services, the working-day calendar: the analytics engine
    /// reads again what it keeps of them (each location's region, the service catalogue, the calendar), so a change
    /// made by another server or by `otklik calendar import` reaches this server's figures.
    case reference
    /// Transactions (purchases and refunds) stored.
    case transactions
    /// Customers merged or unmerged (record references moved; no fact rows).
    case customers
    /// Case history lines: a case opened or changed (resolved, reopened, escalated, warned, breached, …); the lines
    /// carry the event's position (``ChangeFeed/caseEvents(after:through:)``). No fact rows for the analytics engine.
    case caseEvents = "case_events"
    /// Problem history lines: a problem opened or changed (assigned, root cause, action plan, fixed, closed); the lines
    /// carry the event's position (``ChangeFeed/followedLines(of:after:through:)``). No fact rows for the analytics
    /// engine.
    case problemEvents = "problem_events"
    /// Customers found in a life situation (``LifeSituationDetection``): the detections carry the event's position and
    /// name the customer by id, never by a contact. No fact rows for the analytics engine.
    case lifeSituationDetected = "life_situation.detected"
    /// Interactions offered to a survey (``SurveyRepository/offer(survey:_:now:deliver:)``): the offers carry the event's
    /// position; the `survey-sampling` consumer decides them in feed order. No fact rows for the analytics engine.
    case surveyOffers = "survey_offers"
}

extension FeedEventKind {
    /// Whether the analytics engine reads rows for events of this kind (``ChangeFeed/batch(after:limit:)``): the fact
    /// tables it keeps and the reference data it labels them with. Events of the other kinds only move it on.
    public var carriesEngineFacts: Bool {
        switch self {
        case .feedback, .interactions, .serviceRequests, .agentStates, .reference: true
        default: false
        }
    }
}
