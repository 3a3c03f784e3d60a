/// A metric's named definition: what it counts, on which scale, and how its interval is computed.
public struct MetricDefinition: Sendable, Codable, Equatable {
    public var id: MetricID
    public var name: String
    public var nameRu: String
    /// The definition a report prints beside the number.
    public var definition: String
    public var unit: String
    public var scale: ClosedRange<Double>

    public static func of(_ id: MetricID) -> MetricDefinition {
        switch id {
        case .nps:
            MetricDefinition(
                id: id, name: "NPS", nameRu: "NPS (индекс лояльности)",
                definition: "NPS = 100·(P − D)/n over answers 0-10; promoters P score 9-10, detractors D 0-6; respondents only; 95 % CI adjusted-Wald (Rocks 2016: n+3, P+¾, D+¾)",
                unit: "points", scale: -100...100)
        case .npsNonrespondersPassive:
            MetricDefinition(
                id: id, name: "NPS, non-responders as passives", nameRu: "NPS, неответившие — нейтралы",
                definition: "NPS = 100·(P − D)/N over all N records asked, those without an NPS answer counted as passives (= respondent NPS × response rate); 95 % CI adjusted-Wald over N",
                unit: "points", scale: -100...100)
        case .npsNonrespondersDetractors:
            MetricDefinition(
                id: id, name: "NPS, non-responders as detractors", nameRu: "NPS, неответившие — критики",
                definition: "NPS = 100·(P − D − NR)/N over all N records asked, the NR without an NPS answer counted as detractors (the pessimistic bound); 95 % CI adjusted-Wald over N",
                unit: "points", scale: -100...100)
        case .csat:
            MetricDefinition(
                id: id, name: "CSAT", nameRu: "CSAT (удовлетворённость)",
                definition: "CSAT = 100·(answers 4-5)/(answers 1-5), top-2-box of a 1-5 scale; 95 % CI Wilson score",
                unit: "%", scale: 0...100)
        case .ces:
            MetricDefinition(
                id: id, name: "CES", nameRu: "CES (усилия клиента)",
                definition: "CES 2.0 = mean of answers on the 1-7 agree scale (7 = very easy); 95 % CI Student's t",
                unit: "1-7", scale: 1...7)
        case .cesEasy:
            MetricDefinition(
                id: id, name: "CES easy share", nameRu: "CES: доля «легко»",
                definition: "CES 2.0 easy share = 100·(answers 5-7)/(answers 1-7); 95 % CI Wilson score",
                unit: "%", scale: 0...100)
        case .button:
            MetricDefinition(
                id: id, name: "Positive presses", nameRu: "Доля положительных нажатий",
                definition: "Button positive share = 100·positive/(positive + neutral + negative) presses; 95 % CI Wilson score",
                unit: "%", scale: 0...100)
        case .negative:
            MetricDefinition(
                id: id, name: "Negative share", nameRu: "Доля негативных",
                definition: "Negative share = 100·records with a negative rating (negative press, CSAT 1-2 or NPS 0-6)/records with any rating; 95 % CI Wilson score",
                unit: "%", scale: 0...100)
        case .count:
            MetricDefinition(
                id: id, name: "Feedback count", nameRu: "Количество отзывов",
                definition: "Number of feedback records matching the filters; no interval",
                unit: "records", scale: 0...Double.greatestFiniteMagnitude)
        }
    }
}
