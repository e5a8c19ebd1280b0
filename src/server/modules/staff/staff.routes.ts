import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';

export async function staffRoutes(app: App, ctx: AppContext): Promise<void> {
  void app;
  void ctx;
}
