/// What a KPI target can be set for: the integral feedback KPIs (``MetricID``: not the count, not the non-responder
/// variants), the contact-centre KPIs (``CallMetric/Kind``: a service-level target applies to each of the five
/// definitions, judged on each) and the public-service KPIs with a value per period and service point
/// (``PublicServiceKPI/Kind``: not the platform's users nor the catalogue's online share), the case KPIs with a value
/// per period (``CaseMetric``: not the backlog nor its age, which are of now) and a measurement survey's response rate
/// (AAPOR RR1, percent). Its raw value is the metric's name in the metrics API and in the targets CSV.
public enum TargetMetric: String, Sendable, Codable, CaseIterable {
    case nps, csat, ces
    case cesEasy = "ces_easy"
    case button, negative
    case sl, asa, aht, abandonment, fcr, transfer
    case completion
    case onlineShare = "online_share"
    case phoneAnswered = "phone_answered"
    case emailAnswered = "email_answered"
    case contactsPerRequest = "contacts_per_request"
    case costPerService = "cost_per_service"
    case slaAttainment = "sla_attainment"
    case firstResponseAttainment = "first_response_attainment"
    case recoveryRate = "recovery_rate"
    case reopenRate = "reopen_rate"
    case firstResponseHours = "first_response_hours"
    case resolutionHours = "resolution_hours"
    case responseRate = "response_rate"

    public init?(_ metric: MetricID) { self.init(rawValue: metric.rawValue) }
    public init?(_ kind: CallMetric.Kind) { self.init(rawValue: kind.rawValue) }
    public init?(_ kind: PublicServiceKPI.Kind) { self.init(rawValue: kind.rawValue) }
    public init?(_ metric: CaseMetric) { self.init(rawValue: metric.rawValue) }

    /// The feedback KPI, for a feedback target.
    public var feedback: MetricID? { MetricID(rawValue: rawValue) }
    /// The contact-centre KPI, for a contact-centre target.
    public var call: CallMetric.Kind? { CallMetric.Kind(rawValue: rawValue) }
    /// The public-service KPI, for a public-service target.
    public var publicService: PublicServiceKPI.Kind? { PublicServiceKPI.Kind(rawValue: rawValue) }
    /// The case KPI, for a case-report target.
    public var caseMetric: CaseMetric? { CaseMetric(rawValue: rawValue) }

    /// Whether a higher value is better: not for the negative share, waiting and handling times, abandonment,
    /// transfers, contacts per resolved request, the cost of a service, the reopen rate and the times to first response
    /// and to resolution, whose targets are ceilings.
    public var higherIsBetter: Bool {
        switch self {
        case .negative, .asa, .aht, .abandonment, .transfer, .contactsPerRequest, .costPerService, .reopenRate, .firstResponseHours,
            .resolutionHours:
            false
        default: true
        }
    }

    /// The values an absolute target may take, in the metric's unit (NPS points, the CES scale, seconds, percent,
    /// contacts, the currency, business hours).
    public var range: ClosedRange<Double> {
        switch self {
        case .nps: -100...100
        case .ces: 1...7
        case .asa, .aht: 0...86_400
        case .contactsPerRequest: 0...1_000
        case .costPerService: 0...1_000_000_000
        case .firstResponseHours, .resolutionHours: 0...10_000
        default: 0...100
        }
    }
}
