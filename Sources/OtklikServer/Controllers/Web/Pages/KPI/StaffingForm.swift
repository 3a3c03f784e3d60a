/// The Erlang C staffing form of `/contact-centre` (a GET form): the forecast as entered, and either the agents needed
/// with the service level, ASA and occupancy they achieve, or what is wrong with the input.
struct StaffingForm: Sendable {
    let callsPerHour: String
    let aht: String
    let targetSL: String
    let answerWithin: String
    let shrinkage: String
    var result: Result?
    var error: String?
    var errorField: String?

    struct Result: Sendable {
        let traffic: String
        let agents: Int
        let scheduled: Int
        let serviceLevel: String
        let asa: String
        let occupancy: String
    }
}
