/** GetV2LoggingOptions and SetV2LoggingOptions: where ENABLE_IOT_LOGGING shows and LOGGING_DISABLED_CHECK looks. */
import { notConfigured } from '../errors';
import type { LogEventConfiguration } from '../state/types';
import { compact, type Handler } from './operation';

export const getV2LoggingOptions: Handler = ({ state }) => {
  const logging = state.logging;
  if (!logging) throw notConfigured('AWS IoT v2 logging has never been configured for this account; call SetV2LoggingOptions.');
  return compact({
    roleArn: logging.roleArn,
    defaultLogLevel: logging.defaultLogLevel,
    disableAllLogs: logging.disableAllLogs,
    eventConfigurations: logging.eventConfigurations?.length ? logging.eventConfigurations : undefined,
  });
};

/** Members the request leaves out keep their current value (the model checked the rest before this runs). */
export const setV2LoggingOptions: Handler = ({ state, input }) => {
  const body = input.body as { roleArn?: string; defaultLogLevel?: string; disableAllLogs?: boolean; eventConfigurations?: LogEventConfiguration[] };
  const current = state.logging;
  state.logging = compact({
    roleArn: body.roleArn ?? current?.roleArn,
    defaultLogLevel: body.defaultLogLevel ?? current?.defaultLogLevel,
    disableAllLogs: body.disableAllLogs ?? current?.disableAllLogs ?? false,
    eventConfigurations: body.eventConfigurations ?? current?.eventConfigurations,
  });
  return undefined;
};
