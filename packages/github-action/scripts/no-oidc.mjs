// Stands in for @actions/core's OIDC client in the bundle. The Action never asks for an OIDC token,
// and the real client pulls in @actions/http-client with a second copy of undici (~400 KiB).
export const OidcClient = {
  async getIDToken() {
    throw new Error('OIDC tokens are not available in this bundle (see scripts/no-oidc.mjs).');
  },
};
