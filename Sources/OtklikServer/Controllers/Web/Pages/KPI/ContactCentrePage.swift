/// `/contact-centre` (`contact-centre.mustache`, ``ContactCentreBuilder``): the five service-level definitions side by
/// side, ASA, AHT, abandonment, FCR, transfers, occupancy and utilisation for a period, tables by queue and by
/// period, and the Erlang C staffing form.
struct ContactCentrePage: Sendable {
    let heading: String
    var form: PeriodForm
    var serviceLevels: [KPIFigure] = []
    var figures: [KPIFigure] = []
    /// Occupancy and utilisation, from the agent-state log.
    var workforce: [KPIFigure] = []
    var hasWorkforce = false
    /// Why a scoped user sees no occupancy or utilisation (the agent-state log has no location); nil otherwise.
    var workforceScoped: String?
    var tables: [KPIBreakdown] = []
    var hasData = false
    var minimumNote: String?
    var staffing: StaffingForm
}
