import OtklikCore

/// A public-service KPI of seed 000 with the parameters of its definition (METHODS.md, "Public-service KPIs").
public struct PublicServiceKPI: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case costPerService = "cost_per_service"
        case contactsPerRequest = "contacts_per_request"
        case completion
        case onlineShare = "online_share"
        case phoneAnswered = "phone_answered"
        case emailAnswered = "email_answered"
        case platformUsers = "platform_users"
        case servicesOnlineShare = "services_online_share"
    }

    public var kind: Kind
    /// Phone requests count as answered in time within this many seconds in the queue.
    public var phoneThreshold: Double = 60
    /// E-mail requests count as answered in time by the end of this working day after the day of receipt.
    public var emailWorkingDays: Int = 3
    /// Channels that count as online (the portal and the app by default).
    public var onlineChannels: Set<Channel> = [.web, .mobileApp]

    public init(kind: Kind) {
        self.kind = kind
    }

    public var name: String {
        switch kind {
        case .costPerService: "Cost per service"
        case .contactsPerRequest: "Contacts per resolved request"
        case .completion: "Completion share"
        case .onlineShare: "Online share"
        case .phoneAnswered: "Phone requests answered in time"
        case .emailAnswered: "E-mail requests answered in time"
        case .platformUsers: "Platform users"
        case .servicesOnlineShare: "Services available online"
        }
    }

    var online: String { onlineChannels.map(\.rawValue).sorted().joined(separator: ", ") }

    public var definition: String {
        switch kind {
        case .costPerService:
            return "Cost per service = Σ cost of completed requests / completed requests with a cost recorded, by submission time; 95 % CI Student's t"
        case .contactsPerRequest:
            return "Contacts per resolved request = contacts linked to completed requests (interactions with their request id; a request with none counts 1, its submission) / completed requests; 95 % CI Student's t"
        case .completion:
            return "Completion share = completed / all requests submitted (open, rejected and withdrawn in the base), %; 95 % CI Wilson score"
        case .onlineShare:
            return "Online share = requests submitted online (\(online)) / all requests, %; 95 % CI Wilson score"
        case .phoneAnswered:
            return "Phone requests answered within \(CallMetric.format(phoneThreshold)) s = call_center contacts answered within \(CallMetric.format(phoneThreshold)) s in the queue / answered + abandoned, %; IVR-only contacts are not offered; 95 % CI Wilson score"
        case .emailAnswered:
            return "E-mail requests answered within \(emailWorkingDays) working days = e-mails answered by the end of the \(Self.ordinal(emailWorkingDays)) working day after the day of receipt (organisation's calendar: Mon-Fri, holidays and transferred days) / e-mails answered or overdue, %; unanswered e-mails still within their term are left out and counted in notes; 95 % CI Wilson score"
        case .platformUsers:
            return "Platform users = distinct identified customers who submitted a request online (\(online)) or had a contact on those channels; a count of the whole population, no interval"
        case .servicesOnlineShare:
            return "Services available online = services of the catalogue marked available_online = true / services whose available_online is stated (true or false), %, as the catalogue stands now (not a figure of a period); services without the attribute are left out and counted in notes; the whole catalogue is counted, so no minimum n applies; 95 % CI Wilson score"
        }
    }

    /// 1st, 2nd, 3rd, 4th, 11th, 21st…
    static func ordinal(_ number: Int) -> String {
        let suffix = (11...13).contains(number % 100) ? "th" : [1: "st", 2: "nd", 3: "rd"][number % 10] ?? "th"
        return "\(number)\(suffix)"
    }
}
