/** The time source services receive from their edges; tests and `--now` replace it. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** The system's time moved by a fixed offset: the demo province lives in 2020 while time passes at its pace. */
export class ShiftedClock extends Clock {
  constructor(private readonly offsetMs: number) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}
