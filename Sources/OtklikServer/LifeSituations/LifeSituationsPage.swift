/// `/life-situations` (`life-situations.mustache`): precision and recall of the detection against the labels, then one
/// card per situation — its signals and rule in words, the services that answer it, its detections, its precision and
/// recall, and the public-service figures of its customers' requests.
struct LifeSituationsPage: Sendable {
    struct Score: Sendable {
        var precision: String
        var recall: String
        var counts: String
    }

    struct Card: Sendable {
        var code: String
        var anchor: String
        var headingID: String
        var name: String
        var rule: String
        var signals: [String]
        /// The services that answer the situation, in words, separated by commas.
        var services: String
        var hasServices: Bool
        var detections: Int
        var score: Score?
        var requests: String
    }

    var labelled: Bool
    var overall: Score?
    var cards: [Card]
    var hasCards: Bool
}
