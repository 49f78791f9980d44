package space.lunarbase.hal.bank;

/** The two contactors of a bank: MAIN to the charger, DISCHARGE to the dump resistor. */
public enum BankContactor { MAIN, DISCHARGE }
