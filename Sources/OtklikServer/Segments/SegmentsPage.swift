/// `/segments` (`segments.mustache`): the rule-based segments with their size and NPS, CSAT and CES (or why they are
/// hidden), and one card per k-means persona: size, centre in words, top themes and figures.
struct SegmentsPage: Sendable {
    struct Figure: Sendable {
        var label: String
        /// "23 [15; 31]"
        var value: String
        var n: Int
        var definition: String
    }

    struct Figures: Sendable {
        var shown: Bool
        var tooFew: String?
        var items: [Figure]
        var hasItems: Bool
        var noAnswers: Bool
    }

    struct Row: Sendable {
        var code: String
        var name: String
        var rules: [String]
        var customers: Int
        var figures: Figures
    }

    struct Persona: Sendable {
        var number: Int
        var headingID: String
        var size: Int
        var share: String
        var words: [String]
        var themes: [String]
        var hasThemes: Bool
        var figures: Figures
    }

    struct Personas: Sendable {
        var customers: Int
        var k: Int
        var chosenBy: String
        var stability: String
        var cards: [Persona]
    }

    var minimumSize: Int
    var rows: [Row]
    var hasRows: Bool
    var personas: Personas?
    var personasUnavailable: String?
}
