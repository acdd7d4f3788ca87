import type { Publisher } from './store/from-registry.js';

/**
 * The office as an IATI publisher, for records that name no reporting organisation. Set
 * IATI_PUBLISHER_REF to the identifier the office is registered under.
 */
export function officePublisher(ref: string): Publisher {
  return {
    ref,
    type: '10',
    name: {
      en: 'Coordination Body of the Government of the Republic of Serbia for the Municipalities of Preševo, Bujanovac and Medveđa',
      sq: 'Trupi Koordinues i Qeverisë së Republikës së Serbisë për komunat Preshevë, Bujanoc dhe Medvegjë',
      sr: 'Koordinaciono telo Vlade Republike Srbije za opštine Preševo, Bujanovac i Medveđa',
    },
  };
}
