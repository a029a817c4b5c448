import { Faker, en } from '@faker-js/faker';
import type { ContactStatusCode } from '../schemas/contact.ts';
import type { Collection } from './collection.ts';
import type { ContactRecord, DealRecord } from './records.ts';

const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'IE', 'ES', 'CA', 'AU', null] as const;

/** Realistic records from a seed: the same seed always gives the same tenant data. */
export function seedRecords(
  seed: number,
  counts: { contacts: number; deals: number },
  now: number,
  contacts: Collection<ContactRecord>,
  deals: Collection<DealRecord>,
): void {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  const dayMs = 86_400_000;
  for (let i = 0; i < counts.contacts; i++) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const createdAt = now - faker.number.int({ min: 30, max: 900 }) * dayMs;
    contacts.insert({
      id: contacts.nextId(),
      firstName,
      lastName,
      email: faker.internet.email({ firstName, lastName, provider: 'example.com' }).toLowerCase(),
      phone: faker.datatype.boolean(0.8) ? faker.phone.number({ style: 'international' }) : null,
      company: faker.datatype.boolean(0.7) ? faker.company.name() : null,
      status: faker.helpers.arrayElement([1, 2, 2, 2, 3, 4] as ContactStatusCode[]),
      country: faker.helpers.arrayElement(COUNTRIES),
      optIn: faker.datatype.boolean(0.4),
      createdAt,
      updatedAt: createdAt + faker.number.int({ min: 0, max: 20 }) * dayMs,
    });
  }
  const contactIds = contacts.all().map((c) => c.id);
  for (let i = 0; i < counts.deals && contactIds.length > 0; i++) {
    const createdAt = now - faker.number.int({ min: 1, max: 300 }) * dayMs;
    deals.insert({
      id: deals.nextId(),
      contactId: faker.helpers.arrayElement(contactIds),
      title: `${faker.commerce.productAdjective()} ${faker.commerce.product()} renewal`,
      amountCents: faker.number.int({ min: 50_00, max: 250_000_00 }),
      currency: faker.helpers.arrayElement(['USD', 'EUR', 'GBP']),
      stage: faker.helpers.arrayElement(['open', 'open', 'won', 'lost'] as const),
      closeDate: faker.datatype.boolean(0.6) ? faker.date.soon({ days: 120, refDate: now }).toISOString().slice(0, 10) : null,
      createdAt,
      updatedAt: createdAt,
    });
  }
}
