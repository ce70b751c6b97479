import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseAccountForIdentity } from './oidc-sign-in.ts';

describe('chooseAccountForIdentity (an identity seen for the first time)', () => {
  const verified = { email: 'ann@example.org', emailVerified: true };
  it('refuses without an address, and without the provider’s word that the address is verified', () => {
    assert.deepEqual(chooseAccountForIdentity({ email: null, emailVerified: true }, undefined), { refuse: 'no_email' });
    assert.deepEqual(chooseAccountForIdentity({ email: 'ann@example.org', emailVerified: false }, undefined), { refuse: 'unverified_email' });
    // Even when an account has that address: an unverified claim must never hand it over.
    assert.deepEqual(chooseAccountForIdentity({ email: 'ann@example.org', emailVerified: false }, { id: 7, disabled: false }), { refuse: 'unverified_email' });
  });
  it('links the account with the verified address, unless it is disabled; makes one otherwise', () => {
    assert.deepEqual(chooseAccountForIdentity(verified, { id: 7, disabled: false }), { link: 7 });
    assert.deepEqual(chooseAccountForIdentity(verified, { id: 7, disabled: true }), { refuse: 'disabled' });
    assert.deepEqual(chooseAccountForIdentity(verified, undefined), { create: true });
  });
});
