/// `/journeys`: every journey with its owner, stages and whether it is active.
struct JourneysPage: Sendable {
    struct Row: Sendable {
        var code: String
        var href: String
        var name: String
        var owner: String
        var stages: String
        var status: String
    }

    var rows: [Row]
    var hasRows: Bool
    var count: Int
}
