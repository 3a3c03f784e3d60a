/// A figure as the mystery pages print it: the value, its 95 % interval (or why there is none) and n.
struct MysteryFigure: Sendable {
    var value: String
    var ci: String
    var n: Int
}

/// `/mystery`: the plan, the weeks on one time axis and the scores per location, staff member and item.
struct MysteryOverviewPage: Sendable {
    struct PlanRow: Sendable {
        var id: String
        var href: String
        var location: String
        var channel: String
        var period: String
        var status: String
        var reported: Bool
    }

    struct ScoreRow: Sendable {
        var key: String
        var label: String
        var value: String
        var ci: String
        var n: Int
    }

    struct Week: Sendable {
        var week: String
        var mystery: MysteryFigure
        var compliance: MysteryFigure
        var csat: MysteryFigure
    }

    struct Checklist: Sendable {
        var code: String
        var title: String
        var items: Int
    }

    var plan: [PlanRow]
    var hasPlan: Bool
    var byLocation: [ScoreRow]
    var byStaff: [ScoreRow]
    var byItem: [ScoreRow]
    var hasScores: Bool
    var timeline: [Week]
    var hasTimeline: Bool
    var weeks: Int
    var checklists: [Checklist]
    var hasChecklists: Bool
}

/// `/mystery/visits/{id}`: the shopper's form, and once the visit is reported, its photos as thumbnails.
struct MysteryFormPage: Sendable {
    struct Point: Sendable {
        var value: Int
        var id: String
    }

    struct Item: Sendable {
        var index: Int
        var code: String
        var text: String
        var weight: String
        var yesNo: Bool
        var phrase: String
        var hasPhrase: Bool
        var photo: Bool
        var points: [Point]
    }

    struct Option: Sendable {
        var code: String
        var label: String
    }

    struct Photo: Sendable {
        var href: String
        var alt: String
        var item: String
    }

    var id: String
    var title: String
    var location: String
    var locationCode: String
    var channel: String
    var period: String
    var items: [Item]
    var staff: [Option]
    var hasStaff: Bool
    var reported: Bool
    var photos: [Photo]
    var hasPhotos: Bool
    var maxPhotos: Int
}
