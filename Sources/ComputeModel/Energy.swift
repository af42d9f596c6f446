/// Energy per GPU-hour and the cost of owning a GPU instead of renting one.
public enum Energy {
    /// kWh per GPU-hour = GPU power (kW) × server overhead × average draw fraction × PUE.
    public static func kWhPerGPUHour(power: Figure, serverOverhead: Figure, drawFraction: Figure, pue: Figure) throws(ModelError) -> Figure {
        let w = try Training.positive(power), o = try Training.positive(serverOverhead)
        let f = try Training.fraction(drawFraction), p = try Training.positive(pue)
        return .derived("energy per GPU-hour", value: w / 1000 * o * f * p, .kWhPerGPUHour,
                        formula: "GPU power (kW) × server overhead × average draw fraction × PUE",
                        inputs: [power, serverOverhead, drawFraction, pue])
    }

    /// Energy cost per GPU-hour = kWh per GPU-hour × electricity price.
    public static func costPerGPUHour(kWh: Figure, electricityPrice: Figure) throws(ModelError) -> Figure {
        let e = try Training.positive(kWh), p = try Training.positive(electricityPrice)
        return .derived("energy cost per GPU-hour", value: e * p, .usdPerGPUHour,
                        formula: "kWh per GPU-hour × electricity price (USD/kWh)", inputs: [kWh, electricityPrice])
    }

    /// Capital cost per used GPU-hour = purchase price ÷ (years × 8,760 hours × utilization), straight-line.
    public static func capexPerGPUHour(purchasePrice: Figure, years: Figure, utilization: Figure) throws(ModelError) -> Figure {
        let c = try Training.positive(purchasePrice), y = try Training.positive(years), u = try Training.fraction(utilization)
        return .derived("capital cost per GPU-hour", value: c / (y * 8760 * u), .usdPerGPUHour,
                        formula: "purchase price ÷ (depreciation years × 8,760 hours × utilization)",
                        inputs: [purchasePrice, years, utilization])
    }

    /// Break-even rental price = capital cost per GPU-hour + energy cost per GPU-hour (renting below it is cheaper).
    public static func breakEven(capex: Figure, energy: Figure) throws(ModelError) -> Figure {
        let c = try Training.positive(capex), e = try Training.positive(energy)
        return .derived("break-even rental price", value: c + e, .usdPerGPUHour,
                        formula: "capital cost per GPU-hour + energy cost per GPU-hour",
                        inputs: [capex, energy],
                        note: "excludes interest, colocation, networking, storage and staff, which were not sourced")
    }
}

/// Energy use of one accelerator per GPU-hour.
public struct EnergyEstimate: Sendable, Hashable, Codable {
    public var gpu: String
    public var kWhPerGPUHour: Figure
    public var costPerGPUHour: Figure
}

/// Owning versus renting one accelerator, worked out.
public struct OwnVsRent: Sendable, Hashable, Codable {
    public var gpu: String
    public var energy: EnergyEstimate
    public var capexPerGPUHour: Figure
    public var breakEven: Figure
    /// The median on-demand rental price, when there is one, to compare against.
    public var medianRental: Figure?
}

extension ComputeData {
    /// Energy per GPU-hour for `gpu` from the power figure and the assumptions.
    public func energy(gpu: String) throws(ModelError) -> EnergyEstimate {
        let accelerator = try accelerator(id: gpu)
        let kWh = try Energy.kWhPerGPUHour(power: accelerator.power, serverOverhead: assumptions.figure("server-overhead"),
                                           drawFraction: assumptions.figure("power-draw-fraction"), pue: assumptions.figure("pue"))
        let cost = try Energy.costPerGPUHour(kWh: kWh, electricityPrice: assumptions.figure("electricity-price"))
        return EnergyEstimate(gpu: accelerator.id, kWhPerGPUHour: kWh, costPerGPUHour: cost)
    }

    /// Own vs rent for `gpu`; `purchasePrice` overrides the `purchase-price.<id>` assumption (required when there is none).
    public func ownVsRent(gpu: String, purchasePrice: Double? = nil) throws(ModelError) -> OwnVsRent {
        let accelerator = try accelerator(id: gpu)
        let price: Figure
        if let purchasePrice {
            price = Figure("purchase price", value: purchasePrice, .usd, provenance: .input(asOf: givenAsOf))
        } else if let assumption = assumptions.purchasePrice(gpu: accelerator.id) {
            price = assumption.figure
        } else {
            throw ModelError.missing("no purchase price for \(accelerator.id) in the assumptions; give one (e.g. --purchase-price 30000)")
        }
        let energy = try energy(gpu: accelerator.id)
        let capex = try Energy.capexPerGPUHour(purchasePrice: price, years: assumptions.figure("depreciation-years"),
                                               utilization: assumptions.figure("utilization"))
        let breakEven = try Energy.breakEven(capex: capex, energy: energy.costPerGPUHour)
        let rental = try? priceStats(gpu: accelerator.id).statistic("median")
        return OwnVsRent(gpu: accelerator.id, energy: energy, capexPerGPUHour: capex, breakEven: breakEven, medianRental: rental)
    }
}
